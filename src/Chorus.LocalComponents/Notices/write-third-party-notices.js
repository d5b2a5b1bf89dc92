// Writes THIRD-PARTY-NOTICES.md from package-lock.json and each installed package's licence field.
// Run from the repository root after npm ci: node src/Chorus.LocalComponents/Notices/write-third-party-notices.js
const fs=require("fs"); const lock=require(process.cwd()+"/package-lock.json"); const rows=[];
for (const [p,v] of Object.entries(lock.packages)) { if(!p) continue; const name=p.replace(/^.*node_modules\//,""); let lic=v.license; if(!lic){try{lic=require(process.cwd()+"/"+p+"/package.json").license}catch(e){}} if(lic && typeof lic==="object") lic=lic.type; rows.push([name,v.version,lic||"see the package"]); }
rows.sort((a,b)=>a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
let out=`# Third-party notices

Chorus is MIT-licensed (see LICENSE). It bundles or installs the following third-party material.

## Bundled in the source

| what | where | licence |
| --- | --- | --- |
| VADER sentiment lexicons (\`vader_lexicon.txt\`, \`emoji_utf8_lexicon.txt\`) from vaderSentiment 3.3.2, C.J. Hutto; Hutto & Gilbert, ICWSM-14 | \`src/Chorus.Sentiment/Vader/Data\` | MIT, full text in \`src/Chorus.Sentiment/Vader/Data/LICENSE-vaderSentiment.txt\` |

## Installed by the run and test commands (npm, pinned by package-lock.json)

\`npm ci\` installs Azurite (storage emulator) and maildev (SMTP with a web UI) and their dependencies; they run as
separate local processes and are not linked into Chorus. Each package's licence text ships in its folder under
\`node_modules/\`.

| package | version | licence |
| --- | --- | --- |
`;
for (const r of rows) out+=`| ${r[0]} | ${r[1]} | ${String(r[2]).replace(/\|/g,"/")} |\n`;
out+=`
## NuGet packages

The .NET packages Chorus references are listed with their versions in \`Directory.Packages.props\`; \`dotnet restore\`
fetches each with its licence: MIT, Apache-2.0, or BSD-3-Clause (NSubstitute, tests only), as the package feed lists them.
`;
fs.writeFileSync("THIRD-PARTY-NOTICES.md", out);
