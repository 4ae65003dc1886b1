// CI (verify.yml, job pull-request, through actions/github-script): the one pull request of
// the weekly source check, from the fixed branch `head` (bronstatus/weekly, which
// tools/verify-branch.sh pushed) into the default branch `base`: created once, then its title
// and body updated while it is open. Found by its head branch in this repository
// (`owner:branch`: a fork's branch of the same name is not ours); only the workflows push it.

const MARKER = '<!-- whitepaper-bronstatus -->';
const TITLE = 'Bronstatus: nieuwe meldingen van de wekelijkse controle';

async function upsertPull({github, context, core, head, base, body}) {
  if (!body.includes(MARKER)) {
    throw new Error(`de beschrijving mist ${MARKER}`);
  }
  if (!head || !base) {
    throw new Error('geen branch of basisbranch');
  }
  const {owner, repo} = context.repo;
  const open = await github.paginate(github.rest.pulls.list, {
    owner, repo, state: 'open', head: `${owner}:${head}`, base, per_page: 100,
  });
  const ours = open.find((pull) => pull.head?.ref === head);
  if (ours) {
    await github.rest.pulls.update({owner, repo, pull_number: ours.number, title: TITLE, body});
    core.notice(`Pull request #${ours.number} bijgewerkt met de bronstatus van deze week`);
    return ours.number;
  }
  const {data: made} = await github.rest.pulls.create({owner, repo, head, base, title: TITLE, body});
  core.notice(`Pull request #${made.number} geopend met de bronstatus van deze week`);
  return made.number;
}

module.exports = {MARKER, TITLE, upsertPull};
