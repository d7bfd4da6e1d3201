/* The rest of the page, laid out a slice at a time once it has loaded. vakr.css leaves the tables
   out of sight (on a phone, each row) unlaid until they come near the screen, so the first paint
   and the typeface's relayout take only what is in view; until then each has a guessed height and
   what it holds is placed against that guess (the scroll bar misjudges the page's length, and a
   tool measuring the page, such as Lighthouse's check of target sizes, saw rows overlapping).
   Once the typeface is in (vakr-fonts.js), this lays the rest out top to bottom in slices of a few
   milliseconds when the page is idle: no long task holds up a reader's tap, and soon after loading
   every part of the page has its real size and place. */
const SLICE_MS = 4;
const idle = window.requestIdleCallback || ((work) => setTimeout(work, 1));
// the parts vakr.css gives `content-visibility: auto` (on a desktop the rows have none: a class, no layout)
const parts = [...document.querySelectorAll(".md-typeset .vakr-table-wrap, .md-typeset .vakr-table tr")];

const layOut = () => {
  const start = performance.now();
  while (parts.length && performance.now() - start < SLICE_MS) {
    const part = parts.shift();
    part.classList.add("vakr-laid-out");
    part.getBoundingClientRect();  // its layout now, inside this slice
  }
  if (parts.length) idle(layOut);
};

const begin = () => idle(layOut);
const afterLoad = () => (document.readyState === "complete" ? begin() : addEventListener("load", begin));
if (document.documentElement.classList.contains("vakr-fonts")) afterLoad();
else document.addEventListener("vakr-fonts", afterLoad, { once: true });
