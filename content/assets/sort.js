// Sortable tables for pages that wrap a table in <div class="na-sortable">.
// Each heading becomes a button; a cell sorts by its data-sort value when it has one
// (numbers), otherwise by its text. No dependencies, nothing loaded from elsewhere.
(function () {
  "use strict";

  function keyOf(cell) {
    var tagged = cell.querySelector("[data-sort]");
    var raw = tagged ? tagged.getAttribute("data-sort") : cell.textContent.trim();
    var number = parseFloat(raw);
    return tagged && !isNaN(number) ? number : raw.toLocaleLowerCase();
  }

  function sortBy(table, column, button) {
    var body = table.tBodies[0];
    var ascending = button.getAttribute("data-direction") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = keyOf(a.cells[column]);
      var y = keyOf(b.cells[column]);
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
      var other = th.querySelector("button");
      if (other) { other.removeAttribute("data-direction"); }
    });
    button.setAttribute("data-direction", ascending ? "ascending" : "descending");
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "na-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, button); });
    });
  }

  function init() {
    document.querySelectorAll(".na-sortable table").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
