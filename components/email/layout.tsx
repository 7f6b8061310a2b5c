/**
 * The frame every email shares, and the small pieces templates are built from, so a template only
 * says what its message says. Styles are inline (email clients drop <style> and classes) and nothing
 * is fetched: no images, no web fonts, so an email looks the same with remote content blocked.
 *
 * Colours come in as props rather than through context: these are plain function components with
 * no hooks, so they render anywhere react-dom/server does.
 */
import type { CSSProperties, ReactNode } from 'react';
import { Body, Button, Column, Container, Head, Heading, Hr, Html, Link, Preview, Row, Section, Text } from '@react-email/components';
import type { StoreIdentity } from '@/lib/email/config';

export type EmailColors = StoreIdentity['colors'];

// A hairline that shows on white whatever the configured page background is.
const BORDER = '1px solid #e7e5e4';

const FONT_STACK = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function EmailLayout({
  identity,
  preview,
  unsubscribeUrl,
  children,
}: {
  identity: StoreIdentity;
  /** The line inbox lists show next to the subject. */
  preview: string;
  /** List mail only: the footer then offers an Unsubscribe link. */
  unsubscribeUrl?: string;
  children: ReactNode;
}) {
  const { colors } = identity;
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.background, margin: 0, padding: '24px 0', fontFamily: FONT_STACK, color: colors.text }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px', padding: '0 24px', borderTop: `4px solid ${colors.brand}` }}>
          <Section style={{ padding: '20px 0 8px' }}>
            <Link href={identity.siteUrl} style={{ color: colors.brand, fontSize: '22px', fontWeight: 700, textDecorationLine: 'none' }}>
              {identity.name}
            </Link>
          </Section>
          <Section style={{ paddingBottom: '16px' }}>{children}</Section>
          <Hr style={{ borderTop: BORDER, margin: '0' }} />
          <Section style={{ padding: '16px 0 24px' }}>
            <Text style={{ ...smallText(colors), margin: '0 0 4px' }}>{footerAddress(identity)}</Text>
            <Text style={{ ...smallText(colors), margin: 0 }}>
              <Link href={identity.siteUrl} style={{ color: colors.muted, textDecorationLine: 'underline' }}>
                Visit {identity.name}
              </Link>
              {unsubscribeUrl ? (
                <>
                  {' · '}
                  <Link href={unsubscribeUrl} style={{ color: colors.muted, textDecorationLine: 'underline' }}>
                    Unsubscribe
                  </Link>
                </>
              ) : null}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

// The configured address often starts with the store's name already; say it once.
function footerAddress({ name, address }: StoreIdentity): string {
  return address.toLowerCase().startsWith(name.toLowerCase()) ? address : `${name} · ${address}`;
}

function smallText(colors: EmailColors): CSSProperties {
  return { color: colors.muted, fontSize: '12px', lineHeight: '18px' };
}

export function EmailHeading({ colors, level = 1, children }: { colors: EmailColors; level?: 1 | 2; children: ReactNode }) {
  const size = level === 1 ? { fontSize: '22px', lineHeight: '28px', margin: '16px 0 8px' } : { fontSize: '16px', lineHeight: '22px', margin: '0 0 4px' };
  return (
    <Heading as={level === 1 ? 'h1' : 'h2'} style={{ color: colors.text, fontWeight: 700, ...size }}>
      {children}
    </Heading>
  );
}

export function Paragraph({
  colors,
  muted = false,
  strong = false,
  children,
}: {
  colors: EmailColors;
  muted?: boolean;
  strong?: boolean;
  children: ReactNode;
}) {
  return (
    <Text style={{ color: muted ? colors.muted : colors.text, fontSize: '15px', lineHeight: '22px', margin: '8px 0', fontWeight: strong ? 600 : 400 }}>
      {children}
    </Text>
  );
}

/**
 * The call to action, followed by its URL written out for clients that strip button styling. The
 * plain-text part already gets the URL from the button ("View your order https://..."), so the
 * written-out line is left out of it.
 */
export function EmailButton({ colors, href, children }: { colors: EmailColors; href: string; children: string }) {
  return (
    <Section style={{ margin: '16px 0' }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.accent,
          color: '#ffffff',
          borderRadius: '6px',
          fontSize: '15px',
          fontWeight: 600,
          padding: '12px 20px',
          textDecorationLine: 'none',
        }}
      >
        {children}
      </Button>
      <Text data-skip-in-text="true" style={{ ...smallText(colors), margin: '8px 0 0', wordBreak: 'break-all' }}>
        Or open this link:{' '}
        <Link href={href} style={{ color: colors.accent, textDecorationLine: 'underline' }}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

/**
 * A label and an amount on one line. The table is marked as a data table so the plain-text part
 * keeps the two cells on one line ("Items   $34.00") instead of stacking them.
 */
export function AmountRow({ colors, label, amount, strong = false }: { colors: EmailColors; label: ReactNode; amount: string; strong?: boolean }) {
  const cell: CSSProperties = { color: colors.text, fontSize: '15px', lineHeight: '22px', padding: '2px 0', fontWeight: strong ? 700 : 400 };
  return (
    <Row data-text-format="dataTable">
      <Column style={cell}>{label}</Column>
      <Column align="right" style={{ ...cell, whiteSpace: 'nowrap', paddingLeft: '12px' }}>
        {amount}
      </Column>
    </Row>
  );
}

/** A boxed group, e.g. one shipment. The padding sits on the cell: Outlook ignores padding on tables. */
export function Panel({ children }: { children: ReactNode }) {
  return (
    <Row style={{ border: BORDER, borderRadius: '6px', borderCollapse: 'separate', margin: '12px 0' }}>
      <Column style={{ padding: '12px 16px' }}>{children}</Column>
    </Row>
  );
}

/** The delivery address under its heading, one line of the address per line. */
export function ShipToAddress({ colors, lines }: { colors: EmailColors; lines: string[] }) {
  return (
    <>
      <EmailHeading colors={colors} level={2}>
        Ship to
      </EmailHeading>
      <Paragraph colors={colors}>
        {lines.map((line, i) => (
          <span key={i}>
            {i > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </Paragraph>
    </>
  );
}

/**
 * The closing button to the order page, and the warning that goes with it: the order URL is the
 * shopper's only key to the order, so whoever has the email can open it.
 */
export function OrderLinkFooter({ colors, href, label = 'View your order' }: { colors: EmailColors; href: string; label?: string }) {
  return (
    <>
      <EmailButton colors={colors} href={href}>
        {label}
      </EmailButton>
      <Paragraph colors={colors} muted>
        Anyone with this link can see the order, so keep this email to yourself.
      </Paragraph>
    </>
  );
}
