<%def name="greeting(who)">Hello, ${who}!</%def>
<p>name=${c.name}</p>
<p>extra=${extra}</p>
<p>g=${g.message}</p>
<p>url=${url(controller='hello', action='index')}</p>
<p>path=${request.path_info}</p>
<p>translated=${_('apple')}</p>
<p>plural=${ungettext('one apple', '%(num)d apples', 4) % {'num': 4}}</p>
<p>h=${h.literal('<b>bold</b>')}</p>
