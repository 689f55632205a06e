/* Janus book: a printed page shows each slider figure (janus.widgets.explore) as
   three static panels, its first, middle and last frames, instead of a slider
   that paper cannot move. The frames come from the JSON inside each figure
   (<div class="janus-explore">, see janus-explore.js); the panels are built just
   before printing (the browser's print, the theme's PDF button, and
   tools/print_pdf.py, which calls janusPrintPanels() itself) and only print
   media show them (janus-print.css). */
(function () {
  "use strict";

  window.janusPrintPanels = function () {
    if (document.querySelector(".janus-print-panels")) return;
    document.querySelectorAll(".janus-explore").forEach((box) => {
      const tag = box.querySelector("script.janus-explore-data");
      if (!tag) return;
      let all;
      try { all = JSON.parse(tag.textContent).frames; } catch (e) { return; }
      if (!all || !all.length) return;
      const picks = [...new Set([0, Math.floor((all.length - 1) / 2), all.length - 1])];
      const panels = document.createElement("div");
      panels.className = "janus-print-panels";
      picks.forEach((i) => {
        const figure = document.createElement("figure");
        const img = document.createElement("img");
        img.src = all[i].src;
        img.alt = all[i].alt || "frame " + (i + 1);
        const caption = document.createElement("figcaption");
        caption.textContent = img.alt;
        figure.append(img, caption);
        panels.append(figure);
      });
      box.after(panels);
      box.classList.add("janus-print-hide");
    });
  };
  window.addEventListener("beforeprint", window.janusPrintPanels);
})();
