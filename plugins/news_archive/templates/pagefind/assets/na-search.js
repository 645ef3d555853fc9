/* The archive's search box: Material's markup and look, Pagefind's index.
 *
 * Pagefind's bundle (pagefind/pagefind.js) is loaded on the first keystroke, and it fetches
 * only the index chunks that the query needs, in the language of the page (<html lang>).
 * Everything is relative to the page, so the site works from any sub-path of any static
 * server. Results are written with DOM text nodes; only Pagefind's <mark> highlighting is
 * kept from its excerpts.
 */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-na-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector("input[name=query]");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var bundle = new URL(dialog.getAttribute("data-na-bundle"), document.baseURI);
  var shown = 10;
  // Measured with tests/browser/queries.yml (see README, "Search"): a weaker page-length
  // penalty lets the long source articles compete with the short pages built from them,
  // and a smaller bonus for words in a page's title keeps an event whose title has the
  // word from outranking every article that reports it.
  var ranking = { pageLength: 0.2, metaWeights: { title: 2 } };
  var pagefind = null;
  var latest = 0;
  var timer = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        // Result URLs are relative to the folder that holds the bundle (the site root).
        var options = { baseUrl: new URL("..", bundle).pathname, ranking: ranking };
        return module.options(options).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function say(key, count) {
    var text = meta.getAttribute("data-na-" + key) || "";
    meta.textContent = text.replace("#", String(count));
  }

  /* Pagefind's excerpt is text with <mark> around the matched words: keep those marks,
   * and only those, as elements. */
  function excerpt(target, html) {
    var parts = html.split(/(<mark>|<\/mark>)/);
    var mark = null;
    var scratch = document.createElement("textarea");
    parts.forEach(function (part) {
      if (part === "<mark>") {
        mark = document.createElement("mark");
        target.appendChild(mark);
      } else if (part === "</mark>") {
        mark = null;
      } else if (part) {
        scratch.innerHTML = part; // decodes character references without parsing tags
        (mark || target).appendChild(document.createTextNode(scratch.value));
      }
    });
  }

  function render(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = item.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = (item.meta && item.meta.title) || item.url;
      var text = document.createElement("p");
      excerpt(text, item.excerpt || "");
      article.appendChild(title);
      article.appendChild(text);
      link.appendChild(article);
      li.appendChild(link);
      list.appendChild(li);
    });
  }

  function search(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      list.textContent = "";
      say("placeholder", 0);
      return Promise.resolve();
    }
    return load()
      .then(function (module) {
        return module.search(query);
      })
      .then(function (found) {
        if (ticket !== latest || !found) return null;
        var top = found.results.slice(0, shown).map(function (result) {
          return result.data();
        });
        return Promise.all(top).then(function (items) {
          if (ticket !== latest) return;
          var count = found.results.length;
          say(count === 0 ? "none" : count === 1 ? "one" : "other", count);
          render(items);
          dialog.setAttribute("data-na-done", query);
        });
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(input.value);
    }, 120);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });

  form.addEventListener("reset", function () {
    setTimeout(function () {
      search("");
      input.focus();
    }, 0);
  });

  // On wide screens the box sits in the header: focusing it opens the results panel.
  input.addEventListener("focus", function () {
    if (!toggle.checked) open();
  });

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      setTimeout(function () {
        input.focus();
      }, 0);
    }
  });

  function open() {
    if (toggle.checked) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing =
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "Escape" && toggle.checked) {
      close();
      return;
    }
    if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) {
        input.focus();
      } else {
        links[Math.min(next, links.length - 1)].focus();
      }
      event.preventDefault();
      return;
    }
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        open();
        event.preventDefault();
      }
    }
  });
})();
