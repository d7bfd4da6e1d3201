// An embed of the ВАКР site inside an <iframe> (src/vakr/publish/embed.py): tells the embedding page its
// height whenever it changes, so the frame fits its content without a scroll bar of its own.
// The snippet on the data page listens for this message from its own frame only.
(function () {
  if (window.parent === window) return;
  var content = document.querySelector("main"), last = 0;
  function report() {
    // the content's bottom, not the document's height: that is never less than the frame's own
    var height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "vakr-embed-height", height: height }, "*");
  }
  new ResizeObserver(report).observe(content);
  addEventListener("load", report);
})();
