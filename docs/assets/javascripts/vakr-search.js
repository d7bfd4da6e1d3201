/* The site's search dialog (partials/vakr-search.html). Nothing of the search is loaded with
   the page: Pagefind's script, its WebAssembly and the index of the page's language (<html
   lang>) are fetched when the reader opens the dialog, and of the index only the chunks the
   typed words need. Results come as text: the snippet's <mark> is rebuilt as an element, the
   rest is only ever text, so nothing from the index becomes markup. */
const root = document.querySelector("[data-vakr-search]");

if (root) {
  const open = root.querySelector(".vakr-search__open");
  const dialog = root.querySelector("dialog");
  const input = dialog.querySelector("input");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  const more = dialog.querySelector(".vakr-search__more");
  const strings = dialog.dataset;
  const base = new URL(strings.base, location.href);
  /* results fetched and shown at a time: each is a request for its fragment, so the first
     query costs what a phone's first screen shows (four results), not a long list */
  const PAGE = 5;
  let pagefind = null;
  let results = [];
  let shown = 0;
  let latest = "";

  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
      await module.options({ excerptLength: 24 });
      await module.init();
      return module;
    });
    return pagefind;
  };

  const fail = () => {
    pagefind = null;
    status.textContent = strings.error;
  };

  /* The snippet's HTML read by an inert parser (nothing in it runs or loads), rebuilt as
     text and <mark> elements. */
  const snippet = (html) => [...new DOMParser().parseFromString(html, "text/html").body.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });

  const item = (data) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    const title = document.createElement("span");
    const excerpt = document.createElement("span");
    link.href = base.pathname + data.meta.url; // the row's address in the site, anchor and all
    title.className = "vakr-search__title";
    title.textContent = data.meta.title;
    excerpt.className = "vakr-search__excerpt";
    excerpt.append(...snippet(data.excerpt));
    link.append(title, excerpt);
    li.append(link);
    return li;
  };

  const show = async () => {
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
    const items = page.map(item);
    list.append(...items);
    shown += page.length;
    more.hidden = shown >= results.length;
    return items;
  };

  const showMore = async () => {
    const [first] = await show();
    first?.querySelector("a").focus(); // the button may be gone: go on from the first new result
  };

  const search = async (query) => {
    latest = query;
    list.setAttribute("aria-busy", "true");
    if (!query.trim()) {
      results = [];
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      list.setAttribute("aria-busy", "false");
      return;
    }
    try {
      const found = await (await load()).debouncedSearch(query, {}, 150);
      if (found === null || query !== latest) return; // a later query replaced this one
      results = found.results;
      shown = 0;
      list.replaceChildren();
      await show();
      status.textContent = results.length ? strings.count.replace("{count}", results.length) : strings.none;
    } catch {
      fail();
    }
    if (query === latest) list.setAttribute("aria-busy", "false");
  };

  root.hidden = false;
  open.addEventListener("click", () => {
    dialog.showModal();
    if (!pagefind) status.textContent = strings.loading;
    load().then(() => { if (status.textContent === strings.loading) status.textContent = ""; }, fail);
  });
  dialog.querySelector(".vakr-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("a")) dialog.close(); // the backdrop, or a result
  });
  dialog.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  input.addEventListener("input", () => search(input.value));
  more.addEventListener("click", showMore);
}
