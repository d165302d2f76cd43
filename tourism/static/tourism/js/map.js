/*
 * Leaflet maps from server-built data (tourism/maps.py).
 *
 * Each <div class="map" data-map="{json}"> becomes a Leaflet map: tiles from
 * the JSON's "tiles" URL with its "attribution", a marker for each point with
 * a popup linking to its page, a line through the points when "route" is
 * true. The list of points next to the map (addresses, coordinates and
 * OpenStreetMap links) stays: it is the map without JavaScript and the text
 * alternative with it. Loaded with `defer` after Leaflet; no inline script.
 */
(function () {
  "use strict";

  if (!window.L) {
    return;
  }

  var reduceMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function popupContent(point, number) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement(point.url ? "a" : "strong");
    if (point.url) {
      title.href = point.url;
    }
    title.className = "map-popup__title";
    title.textContent = (number ? number + ". " : "") + point.label;
    box.appendChild(title);
    if (point.address) {
      var address = document.createElement("p");
      address.className = "map-popup__address";
      address.textContent = point.address;
      box.appendChild(address);
    }
    return box;
  }

  function markerIcon(point, number) {
    var inner = document.createElement("span");
    inner.setAttribute("aria-hidden", "true");
    inner.textContent = number;
    return L.divIcon({
      className: "map-marker map-marker--" + (point.kind || "place"),
      html: inner,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      popupAnchor: [0, -14],
    });
  }

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute("data-map"));
    } catch (error) {
      return;
    }
    if (!data || !data.points || !data.points.length) {
      return;
    }
    var strings = data.strings || {};
    element.classList.add("map--ready");

    var map = L.map(element, {
      keyboard: true,
      scrollWheelZoom: false,
      zoomControl: false,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion,
    });
    L.control
      .zoom({
        zoomInTitle: strings.zoomIn || "Zoom in",
        zoomOutTitle: strings.zoomOut || "Zoom out",
      })
      .addTo(map);
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);

    var latlngs = [];
    data.points.forEach(function (point, index) {
      var latlng = [point.latitude, point.longitude];
      var number = data.route ? String(point.number || index + 1) : "";
      var label = (number ? number + ". " : "") + point.label;
      var marker = L.marker(latlng, {
        icon: markerIcon(point, number),
        title: label,
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindPopup(popupContent(point, number));
      // The icon element exists once the map has a view (see below).
      marker.on("add", function () {
        var icon = marker.getElement();
        if (icon) {
          icon.setAttribute("aria-label", label);
        }
      });
      marker.addTo(map);
      latlngs.push(latlng);
    });

    if (data.route && latlngs.length > 1) {
      L.polyline(latlngs, { className: "map-route", weight: 4, interactive: false }).addTo(map);
    }

    if (data.center) {
      map.setView(data.center, data.zoom);
    } else if (latlngs.length === 1) {
      map.setView(latlngs[0], data.zoom);
    } else {
      map.fitBounds(L.latLngBounds(latlngs), { padding: [32, 32], maxZoom: data.zoom });
    }

    // Keyboard users: a popup opened from a focused marker takes the focus
    // to its link, Escape closes it, and the focus goes back to the marker.
    var opener = null;
    map.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var close = popup && popup.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", strings.closePopup || "Close");
        close.setAttribute("title", strings.closePopup || "Close");
      }
      if (popup && !popup.hasAttribute("data-escape")) {
        // Escape closes the popup from inside it (Leaflet listens only while
        // the map box itself has the focus).
        popup.setAttribute("data-escape", "");
        popup.addEventListener("keydown", function (keyEvent) {
          if (keyEvent.key === "Escape") {
            keyEvent.preventDefault();
            map.closePopup();
          }
        });
      }
      var source = event.popup._source && event.popup._source.getElement();
      if (source && document.activeElement === source) {
        opener = source;
        var link = popup.querySelector("a.map-popup__title") || close;
        if (link) {
          link.focus();
        }
      } else {
        opener = null;
      }
    });
    map.on("popupclose", function () {
      if (opener && document.body.contains(opener)) {
        opener.focus();
      }
      opener = null;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".map[data-map]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
