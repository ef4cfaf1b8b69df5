// Gridlines of a chart of counts (people, stays, findings): whole numbers, so that every line is
// labelled with exactly the value it stands at. A step of 1, 2 or 5 times a power of ten, the fewest
// lines that reach the largest value in at most `most` steps.

export function countTicks(max: number, most = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const s = [1, 2, 5].map((m) => m * p).find((x) => Math.ceil(top / x) <= most);
    if (s !== undefined) {
      step = s;
      break;
    }
  }
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}
