// Signing an application in the browser: ask the local card reader agent to sign the SHA-256 of the
// canonical application (the person checks it and types the 署名用 PIN in the agent's own window),
// poll the agent for the detached CMS, put it into the review page's form and submit the form. The
// server rebuilds the document from the draft, so nothing signed here can differ from what is stored.
(() => {
  const form = document.getElementById('card-sign');
  if (!form) return;
  const d = form.dataset;
  // The portal serves this file with its configured agent URL; a data-agent-url on the form wins.
  const agentUrl = d.agentUrl || '__CARD_AGENT_URL__';
  const button = form.querySelector('button[data-testid="sign"]');
  const statusLine = document.getElementById('card-sign-status');
  const agentLink = document.getElementById('card-sign-agent-link');

  function show(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle('status-message--error', Boolean(isError));
  }

  function fail(text) {
    show(text, true);
    agentLink.hidden = true;
    button.disabled = false;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitForAgent(id) {
    for (;;) {
      const res = await fetch(`${agentUrl}/v1/requests/${encodeURIComponent(id)}`);
      if (!res.ok) return { status: 'expired' };
      const body = await res.json();
      if (body.status !== 'pending') return body;
      await sleep(700);
    }
  }

  async function sign() {
    button.disabled = true;
    show(d.msgConnecting, false);
    let created;
    try {
      const res = await fetch(`${agentUrl}/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'sign', documentName: d.documentName, documentHash: d.documentHash }),
      });
      if (!res.ok) throw new Error(String(res.status));
      created = await res.json();
    } catch {
      fail(d.msgAgentUnavailable);
      return;
    }
    window.open(created.approveUrl, 'madoguchi-card-reader', 'popup,width=560,height=720');
    const link = agentLink.querySelector('a');
    link.href = created.approveUrl;
    agentLink.hidden = false;
    show(d.msgWaiting, false);
    let outcome;
    try {
      outcome = await waitForAgent(created.id);
    } catch {
      fail(d.msgAgentUnavailable);
      return;
    }
    agentLink.hidden = true;
    if (outcome.status === 'declined') return fail(d.msgDeclined);
    if (outcome.status === 'locked') return fail(d.msgLocked);
    if (outcome.status !== 'done' || !outcome.result) return fail(d.msgExpired);
    show(d.msgSubmitting, false);
    // A normal form post: the server answers 303 to the 受付完了 page, or an error page that says why.
    form.elements.namedItem('signature').value = outcome.result.signature;
    form.submit();
  }

  button.addEventListener('click', () => {
    sign().catch(() => fail(d.msgAgentUnavailable));
  });
})();
