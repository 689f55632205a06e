/*
 * Janus book: glue between require.js, the ipywidgets HTML manager (embed-amd.js)
 * and MathJax 3, all served from the book's own _static/vendor/ folder.
 * The page loads require.js, then this file; this file loads embed-amd.js
 * (3.6 MB) when the first widget comes near the viewport, or once the page is
 * idle after loading, whichever is first (4.).
 * Licence: MIT (the Janus book).
 */
(function () {
  "use strict";

  // 1. The HTML manager derives the URLs of its fonts from the URL of its
  //    require.js module: map the module folder onto the vendored copy, with an
  //    absolute URL so that pages in sub-folders and file:// work alike.
  var here = document.currentScript && document.currentScript.src;
  var base = here ? here.slice(0, here.lastIndexOf("/") + 1) : "";
  if (window.requirejs && base) {
    window.requirejs.config({
      paths: {
        "@jupyter-widgets/html-manager/dist": base + "html-manager",
        // the package's own module, defined inside embed-amd.js: its folder too
        "@jupyter-widgets/html-manager": base + "html-manager/index"
      }
    });
  }

  // 2. ipywidgets typesets widget labels with MathJax 2's
  //    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the book loads
  //    MathJax 3, which has no Hub. Give every MathJax object (the
  //    configuration object set before MathJax loads, then MathJax itself) a
  //    non-enumerable Hub that forwards to MathJax 3's typesetPromise.
  var pending = [];

  function typeset(element) {
    var mj = current;
    if (!mj || !mj.startup || !mj.startup.promise || !mj.typesetPromise) {
      pending.push(element);
      return;
    }
    mj.startup.promise
      .then(function () { return mj.typesetPromise(element ? [element] : undefined); })
      .catch(function (err) { console.warn("MathJax could not typeset a widget: " + err); });
  }

  var hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var job = arguments[i];
        if (Array.isArray(job) && job[0] === "Typeset") {
          typeset(job[2]);
        } else if (typeof job === "function") {
          job();
        }
      }
    },
    Typeset: function (element) { typeset(element); },
    Config: function () {},
    Register: { StartupHook: function () {}, MessageHook: function () {} }
  };

  function addHub(obj) {
    if (obj && typeof obj === "object" && !Object.prototype.hasOwnProperty.call(obj, "Hub")) {
      Object.defineProperty(obj, "Hub", {
        value: hub, enumerable: false, configurable: true, writable: true
      });
    }
    return obj;
  }

  var current = addHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) {
      current = addHub(value);
      if (value && value.version && pending.length) {
        var waiting = pending;
        pending = [];
        // MathJax 3 sets startup.promise a little later, during its own start.
        setTimeout(function () { waiting.forEach(typeset); }, 0);
      }
    }
  });

  // 3. Every frame of a janus.widgets.explore figure carries its alt text as
  //    the widget's tooltip, which ipywidgets shows as the image's title:
  //    copy it into the alt attribute of each image as it appears.
  function fixAlt(img) {
    if (img.tagName === "IMG" && img.title && (!img.hasAttribute("alt") || img.dataset.altFromTitle)) {
      img.setAttribute("alt", img.title);
      img.dataset.altFromTitle = "1";
    }
  }

  function fixTree(node) {
    if (node.nodeType !== 1) {
      return;
    }
    fixAlt(node);
    var imgs = node.querySelectorAll("img[title]");
    for (var i = 0; i < imgs.length; i++) {
      fixAlt(imgs[i]);
    }
  }

  // 4. Load the widget manager when it is needed: as soon as a widget is within
  //    a screen or so of the viewport, and otherwise when the page has loaded
  //    and the browser is idle (MathJax and the text come first).
  var managerRequested = false;

  function loadManager() {
    if (managerRequested || !base) {
      return;
    }
    managerRequested = true;
    var script = document.createElement("script");
    script.src = base + "html-manager/embed-amd.js";
    document.head.appendChild(script);
  }

  function watchWidgets() {
    var views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    if (!views.length) {
      return;
    }
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          observer.disconnect();
          loadManager();
        }
      }, { rootMargin: "1000px 0px" });
      views.forEach(function (v) { observer.observe(v.parentElement || v); });
    } else {
      loadManager();
    }
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
    var whenIdle = function () { idle(loadManager, { timeout: 1500 }); };
    if (document.readyState === "complete") {
      whenIdle();
    } else {
      window.addEventListener("load", whenIdle);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchWidgets);
  } else {
    watchWidgets();
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") {
        fixAlt(record.target);
      }
      record.addedNodes.forEach(fixTree);
    });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["title"]
  });
})();
