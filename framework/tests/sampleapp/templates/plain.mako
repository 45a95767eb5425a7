<p>${c.name} at ${url('/elsewhere')}</p>
