// Sortable tables (tablesort, vendored). Material emits document$ on every page load.
(function () {
  function init() {
    document.querySelectorAll("table.jc-sortable").forEach(function (table) {
      if (!table.dataset.jcSorted) {
        table.dataset.jcSorted = "1";
        new Tablesort(table);
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

// Paper is white: print in the light palette whatever the screen shows (in the dark one the
// map would print as light text on a page of ink), then give the reader's palette back.
(function () {
  var shown = null;
  window.addEventListener("beforeprint", function () {
    shown = document.body.getAttribute("data-md-color-scheme");
    document.body.setAttribute("data-md-color-scheme", "default");
  });
  window.addEventListener("afterprint", function () {
    if (shown !== null) {
      document.body.setAttribute("data-md-color-scheme", shown);
      shown = null;
    }
  });
})();
