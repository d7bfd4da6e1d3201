/* The site's typeface (assets/fonts/fonts.css) comes after the page's first paint, not before it.
   Until then the text is set in the local face scaled to Roboto's widths ("Roboto DejaVu"), so the
   swap moves nothing. On a phone's network the four woff2 files held back the first paint of every
   page (`make audit`: Lighthouse counts every font requested before it; its simulated first paint
   went from 1.8 s to 1.1 s without them), and each file's arrival laid the page out again. Here
   all of Roboto's faces load together once a frame has been painted, then one class on <html>
   applies them: one layout more. A reader who has had them on an earlier page of this visit gets
   them at once (from the cache). Without JavaScript, fonts-noscript.css applies them from the
   start (overrides/main.html). */
const KEY = "vakr-fonts";
const apply = () => {  // vakr-layout.js lays the rest of the page out once the typeface is in
  document.documentElement.classList.add(KEY);
  document.dispatchEvent(new Event(KEY));
};
const seen = () => { try { return sessionStorage.getItem(KEY) === "1"; } catch { return false; } };
const remember = () => { try { sessionStorage.setItem(KEY, "1"); } catch { /* private mode */ } };

if (seen()) {
  apply();
} else {
  requestAnimationFrame(() => setTimeout(() => {
    const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, "") === "Roboto");
    Promise.allSettled(faces.map((face) => face.load())).then(() => { apply(); remember(); });
  }));
}
