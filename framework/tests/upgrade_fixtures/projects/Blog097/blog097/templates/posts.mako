<%inherit file="/base.mako"/>
<ul>
% for post in c.posts:
<li><a href="${h.url_for(action='show', id=post.slug)}">${post.title}</a>:
${h.truncate(post.body, 20)}
% if post.tags:
(${u', '.join(post.tags)})
% endif
</li>
% endfor
</ul>
