// Card login in the browser: ask the local card reader agent to sign the challenge (the person types
// the PIN into the agent's own window), poll the agent for the result, then send the signature and
// certificate to the portal. No personal data passes through here.
(() => {
  const root = document.getElementById('card-login');
  if (!root) return;
  const d = root.dataset;
  const button = document.getElementById('card-login-button');
  const statusLine = document.getElementById('card-login-status');
  const agentLink = document.getElementById('card-login-agent-link');

  function show(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle('status-message--error', Boolean(isError));
  }

  function fail(text) {
    show(text, true);
    button.disabled = false;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitForAgent(id) {
    for (;;) {
      const res = await fetch(`${d.agentUrl}/v1/requests/${encodeURIComponent(id)}`);
      if (!res.ok) return { status: 'expired' };
      const body = await res.json();
      if (body.status !== 'pending') return body;
      await sleep(700);
    }
  }

  async function login() {
    button.disabled = true;
    show(d.msgConnecting, false);
    let created;
    try {
      const res = await fetch(`${d.agentUrl}/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'login', challenge: d.challenge }),
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
    show(d.msgVerifying, false);
    const res = await fetch('/login/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': d.csrf, 'accept-language': d.lang },
      body: JSON.stringify({
        challengeId: d.challengeId,
        certificate: outcome.result.certificate,
        signature: outcome.result.signature,
      }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok && typeof body.redirect === 'string') {
      window.location.assign(body.redirect);
      return;
    }
    fail(body.error?.message ?? d.msgExpired);
  }

  button.addEventListener('click', () => {
    login().catch(() => fail(d.msgAgentUnavailable));
  });
})();
