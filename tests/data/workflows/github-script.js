// Runs the `script:` of an actions/github-script@v7 step as the action does (the body of an
// async function of require, github, context, core), against a fake GitHub read from stdin:
// {"script": "...", "fake": {"pull": {...}, "comments": [...], "head_sha": "...", "pulls": [...]}}
// ("pulls": the open pull requests pulls.list answers).
// Prints {"calls": [...], "outputs": {...}, "notices": [...], "error": null | "..."}.
const path = require('path');

const AsyncFunction = Object.getPrototypeOf(async () => null).constructor;
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const {pull, comments, head_sha: headSha, pulls = []} = input.fake;
const done = {calls: [], outputs: {}, notices: [], error: null};
const call = (name, params) => done.calls.push({name, params});
let nextId = 1000;

const github = {
  rest: {
    pulls: {
      get: async (params) => (call('pulls.get', params), {data: pull}),
      list: async (params) => (call('pulls.list', params), {data: pulls}),
      create: async (params) => (call('pulls.create', params), {data: {number: nextId++}}),
      update: async (params) => (call('pulls.update', params), {data: params}),
    },
    issues: {
      listComments: async (params) => (call('issues.listComments', params), {data: comments}),
      updateComment: async (params) => (call('issues.updateComment', params), {data: params}),
      createComment: async (params) => (call('issues.createComment', params), {data: {id: nextId++}}),
    },
  },
  paginate: async (method, params) => (await method(params)).data,
};
const context = {
  repo: {owner: 'whitepaper-nl', repo: 'whitepapers'},
  payload: {workflow_run: {head_sha: headSha}},
  serverUrl: 'https://github.com',
  runId: 4242,
};
const core = {
  notice: (text) => done.notices.push(text),
  setOutput: (name, value) => (done.outputs[name] = value),
};
// github-script's wrapRequire: a relative module is resolved against the working directory.
const wrapped = (id) => require(id.startsWith('.') ? path.resolve(id) : id);

new AsyncFunction('require', 'github', 'context', 'core', input.script)(wrapped, github, context, core)
  .catch((error) => (done.error = String(error.message || error)))
  .finally(() => process.stdout.write(JSON.stringify(done)));
