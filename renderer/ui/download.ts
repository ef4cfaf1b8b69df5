// Saving a file the app made (a CSV table, an HQ receipt) through the browser's own download: nothing
// leaves the machine, the user chooses where it goes.

export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; a moment later the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file the user chose as text (UTF-8). */
export function readText(file: Blob): Promise<string> {
  return file.text();
}
