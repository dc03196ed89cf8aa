// Signing an application in the browser: the local card reader agent signs the SHA-256 of the canonical
// application (the person checks it and types the 署名用 PIN in the agent's own window); the detached CMS
// goes into the review page's form, which is submitted. The server rebuilds the document from the draft,
// so nothing signed here can differ from what is stored.
import { askCardAgent } from '/assets/card-agent.js';

const form = document.getElementById('card-sign');
if (form) {
  const d = form.dataset;
  const button = form.querySelector('button[data-testid="sign"]');
  const statusLine = document.getElementById('card-sign-status');
  const agentLink = document.getElementById('card-sign-agent-link');
  const show = (text, isError = false) => {
    statusLine.textContent = text;
    statusLine.classList.toggle('status-message--error', isError);
  };
  const fail = (text) => {
    show(text, true);
    button.disabled = false;
  };

  async function sign() {
    button.disabled = true;
    const result = await askCardAgent(
      d.agentUrl,
      { kind: 'sign', documentName: d.documentName, documentHash: d.documentHash },
      { show, fail, agentLink, messages: d },
    );
    if (!result) return;
    show(d.msgSubmitting);
    // A normal form post: the server answers 303 to the 受付完了 page, or an error page that says why.
    form.elements.namedItem('signature').value = result.signature;
    form.submit();
  }

  button.addEventListener('click', () => {
    sign().catch(() => fail(d.msgAgentUnavailable));
  });
}
