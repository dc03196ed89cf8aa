// 検証 without leaving the list. Progressive enhancement only: without this script each form posts
// and the result page says the same. Messages come from the page (data attributes), in its language.
for (const form of document.querySelectorAll('form[data-verify]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = form.querySelector('[data-verify-result]');
    const button = form.querySelector('button');
    button.disabled = true;
    out.className = 'status-message';
    out.textContent = form.dataset.checking;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      const result = await res.json();
      out.textContent = result.message ?? result.error?.message ?? form.dataset.failed;
      out.dataset.verified = String(result.verified ?? false);
      if (result.verified !== true) out.className = 'status-message status-message--error';
    } catch {
      out.textContent = form.dataset.failed;
      out.dataset.verified = 'false';
      out.className = 'status-message status-message--error';
    } finally {
      button.disabled = false;
    }
  });
}
