/* Autocomplete for every <input data-autocomplete="/api/search/suggest/">:
   the ARIA 1.2 combobox pattern (role=combobox, aria-expanded,
   aria-controls, aria-activedescendant) with a listbox of suggestions.
   Arrow keys move, Enter opens the active suggestion (or searches for it),
   Escape closes. Without JavaScript the input is a plain search form. */
(function () {
  "use strict";

  var DELAY = 200;
  var counter = 0;

  function setup(input) {
    var endpoint = input.getAttribute("data-autocomplete");
    var lang = input.getAttribute("data-lang") || document.documentElement.lang || "ja";
    var id = (input.id || "search") + "-suggestions";
    counter += 1;

    var list = document.createElement("ul");
    list.id = id;
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "");
    list.hidden = true;
    input.parentNode.appendChild(list);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var items = [];
    var active = -1;
    var timer = null;
    var request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      close();
      if (item.url) {
        window.location.assign(item.url);
        return;
      }
      input.value = item.text;
      if (input.form) {
        if (input.form.requestSubmit) input.form.requestSubmit();
        else input.form.submit();
      }
    }

    function render(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.textContent = item.text;
        var kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = item.label;
        option.appendChild(text);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(index);
        });
        list.appendChild(option);
      });
      active = -1;
      if (found.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      var said = input.getAttribute("data-found-text") || "";
      status.textContent = found.length ? (said + " " + found.length).trim() : "";
    }

    function fetchSuggestions() {
      var prefix = input.value.trim();
      if (!prefix) {
        render([]);
        return;
      }
      var mine = ++request;
      var url = endpoint + "?q=" + encodeURIComponent(prefix) + "&lang=" + encodeURIComponent(lang);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === request) render(data.suggestions || []); })
        .catch(function () { if (mine === request) render([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length;
      if (event.key === "ArrowDown") {
        if (!open) { if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } else { fetchSuggestions(); } }
        else highlight(active + 1 >= items.length ? 0 : active + 1);
        event.preventDefault();
      } else if (event.key === "ArrowUp") {
        if (open) highlight(active <= 0 ? items.length - 1 : active - 1);
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
