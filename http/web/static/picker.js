// Type-to-filter for long pickers (README, "Languages" and the case page:
// a JIT's members, a relation's entities, a centre's persons, the
// authorities and cases of a form): a select with data-filter gets a
// search box above it that hides the options whose text does not hold
// what was typed, accents and case aside. The select keeps working
// without the script; the box says what it filters (data-filter, in the
// page's language).
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }
  var selects = document.querySelectorAll("select[data-filter]");
  for (var i = 0; i < selects.length; i++) {
    (function (sel) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "picker-filter";
      box.placeholder = sel.dataset.filter;
      box.setAttribute("aria-label", sel.dataset.filter);
      if (sel.id) {
        box.id = sel.id + "-filter";
        box.setAttribute("aria-controls", sel.id);
      }
      sel.parentNode.insertBefore(box, sel);
      box.addEventListener("input", function () {
        var q = fold(box.value.trim());
        var first = null;
        for (var j = 0; j < sel.options.length; j++) {
          var o = sel.options[j];
          var show = o.value === "" || q === "" || fold(o.text).indexOf(q) >= 0;
          o.hidden = !show;
          if (show && o.value !== "" && first === null) {
            first = o;
          }
        }
        // A single choice follows the first match, so Enter submits it.
        if (!sel.multiple && first !== null && sel.selectedOptions.length && sel.selectedOptions[0].hidden) {
          first.selected = true;
        }
      });
    })(selects[i]);
  }
})();
