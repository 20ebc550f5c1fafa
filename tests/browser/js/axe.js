// axe-core's violations on the whole page (injected before, from node_modules/axe-core).
async (options) => (await axe.run(document, {...options, resultTypes: ['violations']})).violations
