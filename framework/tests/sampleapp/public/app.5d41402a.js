// A fingerprinted asset, named as a bundler names it.
console.log('sample');
