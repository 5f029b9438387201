// Replaces react-style-singleton's singleton.js in the bundle (see build.mjs). The original
// adds a <style> element, which `Content-Security-Policy: default-src 'self'` blocks (GraphiQL's
// dialogs use it, through react-remove-scroll); a constructed stylesheet is CSSOM, which the
// policy allows. Same API: add(css) once for the first user, remove() after the last.
export var stylesheetSingleton = function () {
  var counter = 0;
  var sheet = null;
  return {
    add: function (style) {
      if (counter == 0 && typeof document !== "undefined") {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(style);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      counter++;
    },
    remove: function () {
      counter--;
      if (!counter && sheet) {
        var gone = sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== gone);
        sheet = null;
      }
    },
  };
};
