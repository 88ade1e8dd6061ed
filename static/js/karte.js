// Zoom, pan and a tooltip for the map of creative Saxony (templates/karte). Without this
// script the map is an SVG of links with a table below it, which is all that is needed to
// use it. With it: buttons to zoom in, out and back; the arrow keys move and + / - / 0 zoom
// while a district has the focus; the pointer drags the map; a tooltip names the district
// under the pointer or in focus. Everything is set through the DOM and CSSOM, so the page
// needs no inline script or style (strict CSP).
(function () {
  "use strict";

  var ZOOM_STEP = 1.5;
  var MAX_ZOOM = 8;
  var PAN_STEP = 0.15; // of the visible width or height
  var DRAG_THRESHOLD = 4; // pixels before a press becomes a drag

  function setUp(figure) {
    var frame = figure.querySelector(".map__frame");
    var svg = figure.querySelector("svg");
    var box = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    var full = { x: box[0], y: box[1], w: box[2], h: box[3] };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };
    var tooltip = document.createElement("div");
    var hint = document.createElement("p");
    var controls = document.createElement("div");
    var drag = null;
    var dragged = false;

    hint.id = "map-keys-hint";
    hint.className = "visually-hidden";
    hint.textContent = figure.getAttribute("data-keys-hint");
    frame.appendChild(hint);
    svg.setAttribute("aria-describedby", hint.id);

    tooltip.className = "map__tooltip";
    tooltip.hidden = true;
    tooltip.setAttribute("aria-hidden", "true"); // the links are named already
    frame.appendChild(tooltip);

    controls.className = "map__controls";
    [
      ["+", "data-zoom-in", function () { zoom(ZOOM_STEP); }],
      ["\u2212", "data-zoom-out", function () { zoom(1 / ZOOM_STEP); }],
      ["\u21BA", "data-zoom-reset", reset]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", figure.getAttribute(spec[1]));
      button.title = figure.getAttribute(spec[1]);
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    // Before the SVG, so that they are the first tab stops of the map.
    frame.insertBefore(controls, svg);

    // The custom tooltip replaces the browser's, which would show twice.
    Array.prototype.forEach.call(svg.querySelectorAll(".map__district > title"), function (t) {
      t.parentNode.removeChild(t);
    });

    function apply() {
      var w = Math.min(Math.max(view.w, full.w / MAX_ZOOM), full.w);
      var h = w * full.h / full.w;
      view.x = Math.min(Math.max(view.x, full.x), full.x + full.w - w);
      view.y = Math.min(Math.max(view.y, full.y), full.y + full.h - h);
      view.w = w;
      view.h = h;
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (n) {
        return n.toFixed(1);
      }).join(" "));
      hideTooltip();
    }

    function zoom(factor, cx, cy) {
      if (cx === undefined) {
        cx = view.x + view.w / 2;
        cy = view.y + view.h / 2;
      }
      var w = Math.min(Math.max(view.w / factor, full.w / MAX_ZOOM), full.w);
      var scale = w / view.w;
      view.x = cx - (cx - view.x) * scale;
      view.y = cy - (cy - view.y) * scale;
      view.w = w;
      view.h = w * full.h / full.w;
      apply();
    }

    function reset() {
      view = { x: full.x, y: full.y, w: full.w, h: full.h };
      apply();
    }

    function pan(dx, dy) {
      view.x += dx * view.w;
      view.y += dy * view.h;
      apply();
    }

    function unitsPerPixel() {
      return view.w / svg.getBoundingClientRect().width;
    }

    // Keyboard: on any district link (the keys bubble up to the SVG).
    svg.addEventListener("keydown", function (event) {
      var handled = true;
      switch (event.key) {
        case "+": case "=": zoom(ZOOM_STEP); break;
        case "-": case "_": zoom(1 / ZOOM_STEP); break;
        case "0": reset(); break;
        case "ArrowLeft": pan(-PAN_STEP, 0); break;
        case "ArrowRight": pan(PAN_STEP, 0); break;
        case "ArrowUp": pan(0, -PAN_STEP); break;
        case "ArrowDown": pan(0, PAN_STEP); break;
        default: handled = false;
      }
      if (handled) {
        event.preventDefault();
        var focused = document.activeElement;
        if (focused && focused.classList.contains("map__district")) {
          showTooltipFor(focused);
        }
      }
    });

    // A district that gets the focus outside the visible part is brought into view.
    svg.addEventListener("focusin", function (event) {
      var link = event.target.closest(".map__district");
      if (!link) {
        return;
      }
      var b = link.querySelector("path, circle").getBBox();
      if (b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.w ||
          b.y + b.height > view.y + view.h) {
        view.x = b.x + b.width / 2 - view.w / 2;
        view.y = b.y + b.height / 2 - view.h / 2;
        apply();
      }
      showTooltipFor(link);
    });
    svg.addEventListener("focusout", hideTooltip);

    // Pointer: drag to pan; a drag is not a click on the district under it.
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) {
        return;
      }
      drag = { x: event.clientX, y: event.clientY, viewX: view.x, viewY: view.y };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (drag) {
        var dx = event.clientX - drag.x;
        var dy = event.clientY - drag.y;
        if (!dragged && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD) {
          return;
        }
        if (!dragged) {
          svg.setPointerCapture(event.pointerId);
        }
        dragged = true;
        var k = unitsPerPixel();
        view.x = drag.viewX - dx * k;
        view.y = drag.viewY - dy * k;
        apply();
        return;
      }
      var link = event.target.closest ? event.target.closest(".map__district") : null;
      if (link) {
        showTooltip(link, event.clientX, event.clientY);
      } else {
        hideTooltip();
      }
    });
    ["pointerup", "pointercancel"].forEach(function (name) {
      svg.addEventListener(name, function () {
        drag = null;
      });
    });
    svg.addEventListener("pointerleave", hideTooltip);
    svg.addEventListener("click", function (event) {
      if (dragged) {
        event.preventDefault();
        dragged = false;
      }
    }, true);

    function showTooltipFor(link) {
      var r = link.querySelector("path, circle").getBoundingClientRect();
      showTooltip(link, r.left + r.width / 2, r.top + r.height / 2);
    }

    function showTooltip(link, clientX, clientY) {
      var frameBox = frame.getBoundingClientRect();
      tooltip.textContent = link.getAttribute("data-tooltip");
      tooltip.hidden = false;
      var left = clientX - frameBox.left + 12;
      var top = clientY - frameBox.top + 12;
      left = Math.max(0, Math.min(left, frameBox.width - tooltip.offsetWidth));
      top = Math.max(0, Math.min(top, frameBox.height - tooltip.offsetHeight));
      tooltip.style.left = left + "px";
      tooltip.style.top = top + "px";
    }

    function hideTooltip() {
      tooltip.hidden = true;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), setUp);
})();
