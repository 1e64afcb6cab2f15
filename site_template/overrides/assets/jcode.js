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
