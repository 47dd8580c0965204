/** One color per topic, in catalogue order, the same in charts, cards and the list. */
const COLORS = [
  '#2f80ed',
  '#9b51e0',
  '#f2994a',
  '#27ae60',
  '#00a3a3',
  '#eb5757',
  '#bb6bd9',
  '#d4a106',
  '#e0245e',
];

export function topicColor(topics: readonly string[], topic: string): string {
  const i = topics.indexOf(topic);
  return COLORS[Math.max(i, 0) % COLORS.length] as string;
}
