import { InvalidUnsubscribeLink } from '@/components/back-in-stock/invalid-unsubscribe-link';

// The page calls notFound() for a token that names no signup: a 404 that says what went wrong.
export default function UnsubscribeLinkNotFound() {
  return <InvalidUnsubscribeLink />;
}
