/*
 * Janus book: the slider figures of janus.widgets.explore on the static website.
 *
 * Each figure is a <div class="janus-explore"> (janus.widgets.StaticExplorer):
 * one <input type="range"> per control, an <output> with its value, one <img>
 * showing the current frame, and a <script type="application/json"> with the
 * formatted values of each control and every frame's data: URI and alt text,
 * row-major (the first control varies slowest). This script (loaded in the
 * page's head) makes every such figure live as soon as the parser has read it,
 * while the rest of the page is still arriving (it waits neither for the end of
 * the page nor for MathJax or the theme), and marks it with data-live="1".
 *
 * A slider move shows the frame of the current indices within one animation
 * frame: the frames next to the one shown (one step of each slider either way)
 * are decoded off-screen in advance with Image.decode(), and the decoded image
 * element takes the place of the shown one; the frames next to the new one are
 * asked for after that frame is painted. Only those few decoded frames are
 * kept, never the whole figure.
 *
 * Licence: MIT (the Janus book).
 */
(function () {
  "use strict";

  function setup(box) {
    if (box.dataset.live) return;
    var tag = box.querySelector("script.janus-explore-data");
    var shownImg = box.querySelector("img.janus-explore-frame");
    var inputs = Array.prototype.slice.call(box.querySelectorAll('input[type="range"]'));
    if (!tag || !shownImg || !inputs.length) return;
    var text = tag.textContent;
    // while the page loads, the parser may not have read all of the JSON yet
    if (document.readyState === "loading" && !/\}\s*$/.test(text)) return;
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      if (document.readyState !== "loading") {
        console.error("janus-explore: the frames of a figure cannot be read: " + err);
      }
      return;
    }
    var controls = data.controls;
    var frames = data.frames;
    var outputs = inputs.map(function (input) {
      return box.querySelector('output[for="' + input.id + '"]');
    });
    var sizes = controls.map(function (c) { return c.values.length; });

    function indices() {
      return inputs.map(function (input, k) {
        var i = Math.round(Number(input.value));
        return Math.min(Math.max(isFinite(i) ? i : 0, 0), sizes[k] - 1);
      });
    }

    function flat(idx) {
      var i = 0;
      for (var k = 0; k < idx.length; k++) i = i * sizes[k] + idx[k];
      return i;
    }

    var shown = flat(indices());
    var wanted = shown;
    // decoded frames: index -> {img, ready (a promise), done}
    var cache = new Map();
    cache.set(shown, { img: shownImg, ready: Promise.resolve(), done: true });

    function entry(i) {
      var e = cache.get(i);
      if (e) return e;
      var img = new Image();
      img.className = shownImg.className;
      img.width = shownImg.width;
      img.height = shownImg.height;
      img.style.cssText = shownImg.style.cssText;
      img.alt = frames[i].alt;
      img.src = frames[i].src;
      e = { img: img, done: false };
      e.ready = img.decode().catch(function () {}).then(function () { e.done = true; });
      cache.set(i, e);
      return e;
    }

    function neighbours(i) {
      var idx = [];
      for (var k = sizes.length - 1, r = i; k >= 0; k--) {
        idx[k] = r % sizes[k];
        r = Math.floor(r / sizes[k]);
      }
      var out = [i];
      idx.forEach(function (v, k) {
        [-1, 1].forEach(function (d) {
          if (v + d >= 0 && v + d < sizes[k]) {
            var near = idx.slice();
            near[k] = v + d;
            out.push(flat(near));
          }
        });
      });
      return out;
    }

    // decode the frames one step away from the shown one; forget the others
    function prefetch() {
      var keep = neighbours(shown);
      cache.forEach(function (e, i) {
        if (keep.indexOf(i) < 0 && i !== wanted) cache.delete(i);
      });
      keep.forEach(entry);
    }

    function swap(i) {
      var e = cache.get(i);
      if (!e || i === shown || i !== wanted) return;
      var current = cache.get(shown);
      var old = current ? current.img : box.querySelector("img.janus-explore-frame");
      if (old && old !== e.img && old.parentNode) old.replaceWith(e.img);
      shown = i;
      // decode its new neighbours once the frame that shows it is painted, so that
      // the work of the key press or pointer move before that frame stays small
      requestAnimationFrame(function () { setTimeout(prefetch, 0); });
    }

    function update() {
      var idx = indices();
      idx.forEach(function (v, k) {
        var text = controls[k].values[v];
        if (outputs[k]) outputs[k].textContent = text;
        inputs[k].setAttribute("aria-valuetext", text);
      });
      var i = flat(idx);
      wanted = i;
      var e = entry(i);
      if (e.done) {
        swap(i);
      } else {
        e.ready.then(function () { swap(i); });
      }
    }

    inputs.forEach(function (input) { input.addEventListener("input", update); });
    var warm = function () {
      box.removeEventListener("pointerenter", warm);
      box.removeEventListener("focusin", warm);
      box.removeEventListener("touchstart", warm);
      prefetch();
    };
    box.addEventListener("pointerenter", warm);
    box.addEventListener("focusin", warm);
    box.addEventListener("touchstart", warm, { passive: true });
    // a page restored from the back-forward cache, or a form restored by the
    // browser, may show other slider positions than the HTML's
    if (flat(indices()) !== shown) update();
    box.dataset.live = "1";
  }

  function liven() {
    var boxes = document.querySelectorAll(".janus-explore:not([data-live])");
    for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  }

  window.janusExplore = liven;
  if (document.readyState === "loading") {
    // while the parser adds a figure's elements and its JSON text, try to make
    // it live: as soon as the JSON is complete, it is
    var observer = new MutationObserver(function (records) {
      for (var r = 0; r < records.length; r++) {
        var node = records[r].target;
        if (node.nodeType !== 1) node = node.parentNode;
        if (node && node.closest && node.closest(".janus-explore:not([data-live])")) {
          liven();
          return;
        }
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    // "interactive" comes as soon as the HTML is parsed, before deferred
    // scripts such as MathJax run and before DOMContentLoaded
    var done = function () {
      if (document.readyState === "loading") return;
      observer.disconnect();
      liven();
    };
    document.addEventListener("readystatechange", done);
    document.addEventListener("DOMContentLoaded", done);
  } else {
    liven();
  }
})();
