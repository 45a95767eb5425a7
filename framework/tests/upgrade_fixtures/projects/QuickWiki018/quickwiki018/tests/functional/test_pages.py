from quickwiki018.tests import *

class TestPagesController(TestController):

    def test_front_page(self):
        response = self.app.get(url('home'))
        assert '<strong>Welcome</strong> to the' in response.body
        assert 'href="/pages/show/QuickWiki"' in response.body

    def test_new_page_is_offered_for_a_wiki_word(self):
        response = self.app.get(url('show_page', title='NewPage'))
        assert "This page doesn't exist yet." in response

    def test_other_words_are_not_pages(self):
        self.app.get(url('show_page', title='lowercase'), status=404)

    def test_save_and_show(self):
        form = self.app.get(url('edit_page', title='SavedPage')).form
        form['content'] = u'Saved with a link to OtherPage'
        response = form.submit().follow()
        assert 'Successfully saved SavedPage!' in response.body
        assert 'href="/pages/show/OtherPage"' in response.body

    def test_title_list_and_delete(self):
        form = self.app.get(url('edit_page', title='DoomedPage')).form
        form['content'] = u'Short lived'
        form.submit()
        listing = self.app.get(url('pages'))
        titles = listing.body.split('id="titles"')[1]
        assert titles.index('DoomedPage') < titles.index('FrontPage')
        form = listing.form
        form.set('title', True, index=0)
        response = form.submit().follow()
        assert 'DoomedPage' not in response.body
        assert 'Deleted DoomedPage.' in self.app.get(url('home')).body

    def test_save_needs_the_form_token(self):
        self.app.post(url('save_page', title='ForgedPage'),
                      params={'content': u'forged'}, status=403)
