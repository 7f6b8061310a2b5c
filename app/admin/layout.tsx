// The admin's frame. It never shows the shop's header; signed-in pages add the admin header
// (app/admin/(console)/layout.tsx).
export default function AdminRootLayout({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-1 flex-col">{children}</div>;
}
