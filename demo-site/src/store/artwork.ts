/**
 * Each stay's and destination's "photo": an SVG scene (sky, sun, hills or skyline, water) drawn from
 * its hue, so the shop looks like a travel site without shipping images.
 */
import { Html } from './html';

export function scene(hue: number, variant: number, label: string): Html {
  const h = Math.round(hue) % 360;
  const sky = `hsl(${h} 70% 78%)`;
  const sky2 = `hsl(${(h + 30) % 360} 80% 90%)`;
  const far = `hsl(${h} 35% 52%)`;
  const near = `hsl(${h} 40% 34%)`;
  const water = `hsl(${(h + 190) % 360} 55% 45%)`;
  const sunX = 40 + ((variant * 37) % 220);
  const skyline =
    variant % 2 === 0
      ? `<path d="M0 120 L40 90 L80 110 L130 70 L180 105 L230 80 L300 115 L300 200 L0 200Z" fill="${far}"/>`
      : `<path d="M0 130 h20 v-30 h18 v-22 h14 v22 h20 v-40 h16 v40 h22 v-18 h26 v-28 h12 v28 h24 v-12 h30 v30 h18 v-44 h20 v44 h20 v-20 h40 V200 H0Z" fill="${far}"/>`;
  // Values come from numbers and a fixed label set by the catalogue: safe to place in markup.
  return new Html(`<svg class="scene" viewBox="0 0 300 200" preserveAspectRatio="xMidYMid slice" role="img" aria-label="${label.replace(/[<>&"]/g, '')}">
<defs><linearGradient id="s${h}${variant}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${sky2}"/></linearGradient></defs>
<rect width="300" height="200" fill="url(#s${h}${variant})"/>
<circle cx="${sunX}" cy="52" r="18" fill="hsl(45 95% 70%)" opacity=".9"/>
${skyline}
<path d="M0 150 Q75 130 150 150 T300 150 V200 H0Z" fill="${near}"/>
<path d="M0 170 Q75 160 150 172 T300 168 V200 H0Z" fill="${water}" opacity=".85"/>
</svg>`);
}
