/**
 * A colour per partner, for the timeline and the ladder chart. Partner names are always written
 * beside it, so the colour is a help, never the only cue. Darker than the Okabe-Ito set so each
 * keeps a 3:1 contrast against white as a line or marker.
 */
const BY_KIND: Record<string, string> = {
  municipality: '#0b63b0',
  'mental-health': '#7a3e9d',
  gp: '#137a50',
  'work-company': '#b35300',
  'housing-corporation': '#8a5a2b',
  welfare: '#b0306b',
  other: '#4a5662',
};

const SPARE = ['#006d77', '#5b4a9e', '#8d6a00', '#a23b3b', '#2f6b3a', '#3d5a99'];

/** One colour each, by kind first; a second partner of the same kind takes a spare colour. */
export function partnerColours(partners: { id: string; kind: string }[]): Map<string, string> {
  const colours = new Map<string, string>();
  const used = new Set<string>();
  const sorted = [...new Map(partners.map((p) => [p.id, p])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  for (const partner of sorted) {
    const preferred = BY_KIND[partner.kind] ?? BY_KIND.other!;
    const colour = used.has(preferred) ? (SPARE.find((c) => !used.has(c)) ?? preferred) : preferred;
    used.add(colour);
    colours.set(partner.id, colour);
  }
  return colours;
}
