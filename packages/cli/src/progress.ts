/** A progress bar on stderr when it is a terminal; plain lines every 10% otherwise (CI logs). */
export function progressBar(label: string): (done: number, total: number) => void {
  let lastDecile = -1;
  const started = performance.now();
  return (done, total) => {
    const ratio = total === 0 ? 1 : done / total;
    const rate = done / ((performance.now() - started) / 1000 || 1);
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} (${Math.round(rate)}/s)`,
      );
      if (done >= total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${label}: ${done}/${total} (${Math.round(rate)}/s)\n`);
    }
  };
}
