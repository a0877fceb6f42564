// Passkeys (README, "Who sees what", Two-step sign-in). A form marked
// data-passkey="create" (add a passkey) or "get" (sign in with one) asks
// the server for the ceremony's options, lets the browser's authenticator
// answer, and sends the answer in the form's credential field. Without
// this script, or in a browser without passkeys, the forms say so and the
// code form stays.
(function () {
  "use strict";
  function say(form, text) {
    var out = form.querySelector("[data-passkey-status]");
    if (out) {
      out.textContent = text;
    }
  }
  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var field = form.querySelector('input[name="credential"]');
      if (field.value) {
        return; // the answer is in: the form goes
      }
      ev.preventDefault();
      var PKC = window.PublicKeyCredential;
      if (!PKC || !PKC.parseCreationOptionsFromJSON || !PKC.parseRequestOptionsFromJSON) {
        say(form, form.dataset.unsupported);
        return;
      }
      var body = new URLSearchParams();
      body.set("csrf_token", form.querySelector('input[name="csrf_token"]').value);
      say(form, "…");
      fetch(form.dataset.passkeyOptions, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (res) {
          if (!res.ok) {
            throw new Error("options: " + res.status);
          }
          return res.json();
        })
        .then(function (opts) {
          if (form.dataset.passkey === "create") {
            return navigator.credentials.create({publicKey: PKC.parseCreationOptionsFromJSON(opts)});
          }
          return navigator.credentials.get({publicKey: PKC.parseRequestOptionsFromJSON(opts)});
        })
        .then(function (cred) {
          field.value = JSON.stringify(cred.toJSON());
          say(form, "");
          form.submit();
        })
        .catch(function () {
          say(form, form.dataset.failed);
        });
    });
  });
})();
