/* A page opened from a search result shows the searched words highlighted
   (Sphinx's sphinx_highlight.js): say so above the text, with a button that
   clears them (Esc does too). */
"use strict";
window.addEventListener("load", () => {
  // sphinx_highlight.js marks the words 10 ms after the page is ready.
  setTimeout(() => {
    const marks = document.querySelectorAll("div.body span.highlighted");
    if (!marks.length) return;
    const words = [...new Set([...marks].map((m) => m.textContent))];
    const note = document.createElement("p");
    note.className = "search-marks";
    note.setAttribute("role", "status");
    note.append(`検索した言葉${words.map((w) => `「${w}」`).join("")}を強調しています。`);
    const clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "強調を消す";
    clear.addEventListener("click", () => {
      document.querySelectorAll("span.highlighted").forEach((m) => m.classList.remove("highlighted"));
      localStorage.removeItem("sphinx_highlight_terms");
      note.remove();
      document.getElementById("main").focus();
    });
    note.append(clear);
    document.querySelector("div.body").prepend(note);
  }, 50);
});
