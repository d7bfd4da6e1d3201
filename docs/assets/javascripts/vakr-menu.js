/* The side menu opens at its top, its first line whole, unless the current entry is out of view
   there. Material scrolled the menu to centre the current entry on every load, even when that
   entry was in view from the top: on a menu a little taller than the screen (1280×800, Kazakh)
   its first entries were then cut off mid-line. vakr.css makes Material's scroll a scroll to the
   top; here, when the current entry is below the menu's box, the menu scrolls only as far as that
   entry needs, to the top of an entry. Once the reader scrolls, clicks, types or moves the focus
   into the menu, it is theirs. */
const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
const current = wrap && wrap.querySelector(".md-nav__link--active[href]");

if (current && matchMedia("(min-width: 76.25em)").matches) {  // a side column, not the phone's drawer
  let touched = false;
  const offset = (element) =>  // from the top of the menu's content, scrolled or not
    element.getBoundingClientRect().top - wrap.getBoundingClientRect().top + wrap.scrollTop;
  const place = () => {
    const needed = offset(current) + current.offsetHeight - wrap.clientHeight;
    if (touched || needed <= 0) return;
    const tops = [...wrap.querySelectorAll(".md-nav__link")]
      .filter((link) => link.getClientRects().length).map(offset).filter((top) => top >= needed);
    wrap.scrollTop = Math.min(...tops, offset(current));
  };
  for (const type of ["wheel", "touchstart", "pointerdown", "keydown", "focusin"]) {
    wrap.addEventListener(type, () => { touched = true; }, { once: true, passive: true });
  }
  new ResizeObserver(place).observe(wrap);  // Material sets the box's height after the first frame
  document.fonts.ready.then(place);  // the entries' heights in the site's typeface
}
