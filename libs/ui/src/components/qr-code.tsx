import QRCode from 'qrcode';
import { useMemo } from 'preact/hooks';

/** A QR code as SVG elements (one path): no innerHTML, no canvas, fits the CSP. */
export function QrCode(props: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    const matrix = QRCode.create(props.value, { errorCorrectionLevel: 'M' }).modules;
    let d = '';
    for (let row = 0; row < matrix.size; row++)
      for (let column = 0; column < matrix.size; column++)
        if (matrix.get(row, column)) d += `M${column + 4} ${row + 4}h1v1h-1z`;
    return { size: matrix.size + 8, path: d };
  }, [props.value]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
