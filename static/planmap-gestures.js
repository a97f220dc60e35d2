/* Jinan PlanMap: gesture handling for touch screens (our own small script, no dependency).
 *
 * On a phone a map that fills the screen width would trap the page: every one-finger swipe over it
 * pans the map, so the page below is hard to reach. On a device whose main pointer is a finger this
 * turns off one-finger dragging (Leaflet then lets the browser scroll the page: its CSS allows
 * `touch-action: pan-x pan-y` when dragging is off), keeps two-finger pinch and pan (Leaflet's
 * touchZoom), and shows a short hint when one finger moves over the map. Mice and trackpads are
 * untouched. Loaded after Leaflet; applies to every map created afterwards.
 */
(function () {
  "use strict";
  if (!window.L || !L.Map || L.Map.__planmapGestures) return;
  L.Map.__planmapGestures = true;
  var HINT = "双指移动地图 · Use two fingers to move the map";

  function touchFirst() {
    return !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches) ||
      (("ontouchstart" in window) && !(window.matchMedia && window.matchMedia("(hover: hover)").matches));
  }

  function apply(map) {
    if (map.__planmapGestures || !touchFirst()) return;
    map.__planmapGestures = true;
    if (map.dragging) map.dragging.disable();
    // The map's page must not scroll itself (a few pixels of overflow would catch the swipe): the
    // swipe then goes on to the page around it.
    document.documentElement.style.overflow = "hidden";
    if (document.body) document.body.style.overflow = "hidden";
    var box = map.getContainer();
    var hint = document.createElement("div");
    hint.className = "planmap-gesture-hint";
    hint.textContent = HINT;
    hint.setAttribute("aria-hidden", "true");
    hint.style.cssText = "position:absolute;inset:0;z-index:1000;display:flex;align-items:center;" +
      "justify-content:center;background:rgba(0,0,0,.45);color:#fff;font:600 18px/1.4 sans-serif;" +
      "text-align:center;padding:1em;pointer-events:none;opacity:0;transition:opacity .25s";
    box.appendChild(hint);
    var timer = null;
    box.addEventListener("touchmove", function (event) {
      if (event.touches.length !== 1) { hint.style.opacity = "0"; return; }
      hint.style.opacity = "1";
      clearTimeout(timer);
      timer = setTimeout(function () { hint.style.opacity = "0"; }, 1200);
    }, { passive: true });
    box.addEventListener("touchend", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { hint.style.opacity = "0"; }, 600);
    }, { passive: true });
  }

  L.Map.addInitHook(function () { apply(this); });
  if (window.map instanceof L.Map) apply(window.map);
})();
