<%inherit file="/base.mako"/>
${h.form(h.url_for(controller='posts', action='create'), method='post')}
${h.text('title')}
${h.textarea('body')}
${h.submit('save', 'Save')}
${h.end_form()}
