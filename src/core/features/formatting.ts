/** Counts of the formatting an output uses; a change in format is an early sign of drift. */
export interface FormattingCounts {
  bulletItems: number;
  numberedItems: number;
  headers: number;
  codeBlocks: number;
  links: number;
  tableRows: number;
}

const FENCE = /^\s{0,3}(```|~~~)/;

export function countFormatting(text: string): FormattingCounts {
  const counts: FormattingCounts = { bulletItems: 0, numberedItems: 0, headers: 0, codeBlocks: 0, links: 0, tableRows: 0 };
  let inFence = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) {
      if (!inFence) counts.codeBlocks++;
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (/^\s{0,6}[-*+•]\s+\S/.test(line)) counts.bulletItems++;
    else if (/^\s{0,6}\d{1,3}[.)]\s+\S/.test(line)) counts.numberedItems++;
    if (/^\s{0,3}#{1,6}\s+\S/.test(line)) counts.headers++;
    if (/^\s*\|.*\|\s*$/.test(line) && !/^\s*\|[\s:|-]+\|\s*$/.test(line)) counts.tableRows++;
  }
  counts.links = (text.match(/\[[^\]\n]+\]\([^)\s]+\)|\bhttps?:\/\/[^\s)>\]]+/g) ?? []).length;
  return counts;
}
