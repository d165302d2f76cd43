/* The receipt's "Print" button (shop/templates/shop/receipts/print_base.html):
   shown only when JavaScript runs, since printing from the browser's menu
   works without it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
