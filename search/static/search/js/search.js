/* Search page: a "Use my location" button next to the "Near" list (only
   with JavaScript and geolocation; the list of areas works without). */
(function () {
  "use strict";
  function init() {
    var select = document.getElementById("search-near");
    if (!select || !navigator.geolocation) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "search-locate";
    button.textContent = select.getAttribute("data-locate-label");
    select.parentNode.appendChild(button);
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
        var option = document.createElement("option");
        option.value = value;
        option.textContent = select.getAttribute("data-my-location");
        select.insertBefore(option, select.options[1] || null);
        select.value = value;
        select.focus();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
