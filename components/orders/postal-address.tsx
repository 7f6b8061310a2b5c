import { formatAddress, type PostalAddress } from '@/lib/checkout/address-format';

/** An address printed the way its country's post lays it out, one line per row. */
export function PostalAddressLines({ address, className }: { address: PostalAddress; className?: string }) {
  return (
    <address className={`not-italic ${className ?? ''}`}>
      {formatAddress(address).map((line, i) => (
        <span key={i} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}
