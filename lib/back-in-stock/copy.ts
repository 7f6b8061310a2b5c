/**
 * What the back-in-stock form and the unsubscribe page and endpoint say, in one place: the server
 * action answers with these and the product panel repeats the "available" one. Pure: safe in
 * client components.
 */
export const NOTIFY_HEADING = "Email me when it's back";
export const signedUpText = (email: string) => `Thanks — we'll email you at ${email} once, when it's back.`;
export const ALREADY_SIGNED_UP = "You're already on the list for this; we'll email you once, when it's back.";
export const AVAILABLE_AGAIN = "Good news: it's available again — you can order it now.";
export const NOT_SOLD = 'This item is no longer sold, so there is nothing to email you about. Reload the page to see what is.';
export const tooManySignUpsText = (wait: string) => `Too many sign-ups; nothing was saved. Try again in ${wait}.`;

export const UNSUBSCRIBED_HEADING = "You're unsubscribed";
export const UNSUBSCRIBED_TEXT = "You won't get restock emails at this address any more. If you sign up for an item again, we'll email you about that one.";
export const ALREADY_UNSUBSCRIBED = "You're already unsubscribed: you won't get restock emails at this address any more.";
export const INVALID_UNSUBSCRIBE_LINK = "This unsubscribe link isn't valid";
