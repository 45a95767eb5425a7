<%inherit file="/base.mako"/>
<h1>${c.post.title}</h1>
<p>${c.post.body}</p>
