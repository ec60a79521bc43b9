import qrcode from "qrcode-generator";
import { CopyButton } from "./copy-button";

/** A class's join link for the projector: the address, a copy button and a QR code (an SVG made on the server). */
export function JoinLink({ url }: { url: string }) {
  const qr = qrcode(0, "M");
  qr.addData(url);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 6, margin: 2, scalable: true });
  return (
    <div className="flex flex-wrap items-start gap-4">
      <div className="min-w-0 space-y-2">
        <p className="break-all font-mono text-sm" data-testid="join-url">
          {url}
        </p>
        <CopyButton text={url} label="Copy the link" />
      </div>
      <div
        className="w-40 shrink-0 bg-white"
        data-testid="join-qr"
        role="img"
        aria-label={`QR code of ${url}`}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    </div>
  );
}
