/* Progressive enhancement only: the site works without this file.
   The menu is a <details> element: open on wide screens, closed on phones until asked for. */
(function () {
    "use strict";
    var menu = document.getElementById("menu");
    if (!menu || !window.matchMedia) {
        return;
    }
    var wide = window.matchMedia("(min-width: 62em)");
    function sync() {
        menu.open = wide.matches;
    }
    sync();
    if (wide.addEventListener) {
        wide.addEventListener("change", sync);
    }
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        var active = document.activeElement;
        if (!wide.matches && menu.open) {
            menu.open = false;
            menu.querySelector("summary").focus();
        } else if (active && active.closest && active.closest(".has-children")) {
            // Dismiss a drop-down section menu; focus goes back to the section's own link.
            var item = active.closest(".has-children");
            var sub = item.querySelector(".nav-sub");
            item.querySelector("a").focus();
            sub.hidden = true;
            var restore = function () {
                sub.hidden = false;
                item.removeEventListener("focusout", restore);
                item.removeEventListener("mouseenter", restore);
            };
            item.addEventListener("focusout", restore);
            item.addEventListener("mouseenter", restore);
        }
    });
})();
