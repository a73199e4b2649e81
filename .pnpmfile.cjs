// pnpm loads this file before every install and every `pnpm run`: the one place that can stop an older Node with
// a message that says what to do. `engines` alone makes pnpm print a generic warning (or, with engine-strict, a
// generic error) and carry on until something breaks later; the libraries we use need Node 22.12+ or 24.
const required = 24
const major = Number(process.versions.node.split('.')[0])
if (major < required) {
  console.error(`
This project runs on Node.js ${required} LTS; this pnpm runs on Node.js ${process.version}.
  • With nvm, fnm or volta:     nvm install && nvm use      (reads .nvmrc)
  • Without installing Node:    npx -y -p node@${required} -p pnpm@10.34.9 -c 'pnpm install && pnpm start'
    (npm fetches Node ${required} from the npm registry for this one command; use the same prefix for pnpm test)
`)
  process.exit(1)
}

module.exports = {}
