// CI (preview.yml, preview-close.yml, through actions/github-script): the pull request side of
// a preview. Both run the default branch's copy of this file, never a pull request's.

const MARKER = '<!-- whitepaper-preview -->';
const BOT = 'github-actions[bot]';

// Whether pull request `number` is open and its head is still the commit the artifact's run
// built. The run's own list of pull requests is empty for a fork, and the number in the
// artifact is the fork's word: only GitHub's answer binds the artifact to this pull request.
async function isCurrent({github, context, core, number}) {
  const {data: pull} = await github.rest.pulls.get({...context.repo, pull_number: number});
  const built = context.payload.workflow_run.head_sha;
  if (pull.state === 'open' && pull.head.sha === built) {
    return true;
  }
  core.notice(`Geen voorbeeld: pull request #${number} is niet open op commit ${built}`);
  return false;
}

// The one comment that carries MARKER, created once (unless `create` is false: a pull request
// closed without a preview gets no comment) and then updated. Only a comment of the
// workflows' bot counts: anyone can write the marker into a comment of their own.
async function upsertComment({github, context, number, body, create = true}) {
  if (!body.includes(MARKER)) {
    throw new Error(`het commentaar mist ${MARKER}`);
  }
  const issue = {...context.repo, issue_number: number};
  const comments = await github.paginate(github.rest.issues.listComments, {...issue, per_page: 100});
  const ours = comments.find((comment) => comment.user?.login === BOT && comment.body?.includes(MARKER));
  if (ours) {
    await github.rest.issues.updateComment({...context.repo, comment_id: ours.id, body});
    return ours.id;
  }
  if (!create) {
    return null;
  }
  const {data: made} = await github.rest.issues.createComment({...issue, body});
  return made.id;
}

// The comment when the trusted build of the preview failed (the default branch's check refused
// the pull request's content, or its build broke): made of the number and this run's address
// only, never of the pull request's text.
function failedBody(number, runUrl) {
  return (
    `${MARKER}\n### Voorbeeld van pull request #${number}\n\n` +
    `Het voorbeeld kon niet worden gebouwd; [de uitvoer van de bouw](${runUrl}) zegt waarom. ` +
    'Meestal meldt de controle van deze pull request hetzelfde bij de regel zelf. ' +
    'Een eerder voorbeeld toont nog de vorige versie; na de volgende push wordt het opnieuw ' +
    'gebouwd.\n'
  );
}

module.exports = {MARKER, failedBody, isCurrent, upsertComment};
