/*! Lantern embed loader. docs/embedding.md */
(()=>{
const D=document,H=D.documentElement,me=D.currentScript// null later
if(!me||!me.src)return
const O=new URL(me.src).origin,X='https://www.bbc.com/weather',F=[],
W=m=>console.warn('Lantern embed: '+m),
st=(e,k,v)=>e.style.setProperty(k,v,'important'),// beats host !important
css=(e,s)=>{for(const p of s.split(';'))st(e,...p.split(':'))},
sz=(f,h)=>st(f,'height',Math.min(4e3,Math.max(200,Math.ceil(h/32)*32))+'px'),// coarse, bounded
web=u=>{try{u=new URL(u);return/^https?:$/.test(u.protocol)&&u.href.length<2049?u.href:''}catch(e){return''}},
lum=h=>[1,3,5].reduce((s,i,j)=>{const c=parseInt(h.substr(i,2),16)/255;return s+[.2126,.7152,.0722][j]*(c<=.03928?c/12.92:Math.pow((c+.055)/1.055,2.4))},0),
// Every language the widget speaks (crates/tip/src/language.rs): the exit
// link's and the frame's words (src/locales/*), checked by src/i18n/page.rs.
T={en:['Leave this site','Help resources'],es:['Salir de este sitio','Recursos de ayuda'],
'zh-Hans':['离开这个网站','帮助资源'],vi:['Rời trang này','Thông tin trợ giúp'],
ko:['이 사이트에서 나가기','도움 정보'],tl:['Umalis sa site na ito','Mga mapagkukunan ng tulong'],
ar:['مغادرة هذا الموقع','مصادر المساعدة']},
// A tag's language by its primary subtag, as Language::from_tag: zh-TW is
// zh-Hans, fil (Filipino) is tl.
tag=t=>{let p=String(t||'').trim().split(/[-_]/)[0].toLowerCase();p=p=='fil'?'tl':p
return Object.keys(T).find(k=>k.split('-')[0].toLowerCase()==p)}
let gone='',pin// pin: the loader's own exit link
// The frame is as tall as its content, so the widget's exit bar scrolls away
// with this page. So the loader pins an exit of its own to the bottom right
// of the screen, in reach of a thumb, while Lantern is on the page. In a
// shadow root, so no style rule of the page reaches it.
const pinExit=(l,x)=>{const h=D.createElement('lantern-exit'),a=D.createElement('a')
pin=h
st(h,'all','initial')
const e=l=='ar'?'left':'right'// the inline end: mirrored right to left
css(h,'position:fixed;'+e+':max(12px,env(safe-area-inset-'+e+'));bottom:max(12px,env(safe-area-inset-bottom));z-index:2147483647;display:block')
css(a,'display:flex;align-items:center;min-height:48px;padding:0 18px;border:2px solid #fff;border-radius:24px;background:#a4161a;color:#fff;font:700 16px/1.25 system-ui,sans-serif;text-decoration:none;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.45);outline:none')
a.href=x
a.lang=l
a.dir=l=='ar'?'rtl':'ltr'
a.textContent=T[l][0]
a.onclick=e=>{e.preventDefault();leave(x)}
a.onfocus=()=>st(a,'outline','3px solid #1a1a1a')
a.onblur=()=>st(a,'outline','none')
h.attachShadow({mode:'open'}).append(a)
D.body.appendChild(h)}
const mount=(el,put)=>{
const g=k=>(k='data-'+k,el.hasAttribute(k)?el.getAttribute(k):me.getAttribute(k)),q=new URLSearchParams(),
f=D.createElement('iframe'),bad=(k,v)=>W(k+'="'+v+'" ignored')
let v=g('lang'),l=tag(v||H.lang),x=X
if(v&&!l)bad('lang',v)
if(l)q.set('lang',l)
else for(const t of navigator.languages||[])if(l=tag(t))break// as the widget picks
l=l||'en'
if(v=g('sections')){const s=v.toLowerCase().split(/[\s,]+/).filter(n=>/^(help|signs|me|report)$/.test(n)||n&&bad('section',n))
if(s.length)q.set('sections',s+'')}
if(v=g('accent')){let h=v.trim().replace(/^#?(.)(.)(.)$/,'$1$1$2$2$3$3').replace('#','').toLowerCase()
if(!/^[\da-f]{6}$/.test(h))bad('accent',v)
else if(1.05/(lum(h='#'+h)+.05)<4.5)W('accent '+h+' refused: under 4.5:1 contrast with white text')
else q.set('accent',h)}
if(v=g('partner'))/^[a-z\d_-]{1,64}$/.test(v)?q.set('partner',v):bad('partner',v)
if(v=g('exit'))(x=web(v))?q.set('exit',x):(x=X,bad('exit',v))
v=g('compact')
if(v!=null&&/^(|1|true|yes)$/i.test(v))q.set('compact',1)
f.title=T[l][1]
for(const[k,v]of[['referrerpolicy','no-referrer'],['allow',''],['loading','eager'],['sandbox','scripts forms same-origin popups popups-to-escape-sandbox top-navigation-by-user-activation'.replace(/\S+/g,'allow-$&')]])f.setAttribute(k,v)
css(f,'display:block;width:100%;max-width:100%;border:0;margin:0;padding:0;visibility:visible;opacity:1')
sz(f,q.has('compact')?448:736)
f.src=O+'/?'+q
F.push([f,x])
put(f)
pin||pinExit(l,x)}
const leave=u=>{gone=u
st(H,'display','none')
for(const[f]of F)f.remove()
location.replace(u)}
addEventListener('message',e=>{const d=e.data
if(e.origin==O&&e.source&&d&&typeof d=='object')for(const[f,x]of F)if(e.source===f.contentWindow){
if(d.type=='lantern:height'&&typeof d.height=='number'&&isFinite(d.height))sz(f,d.height)
else if(d.type=='lantern:exit')leave(x)
return}})
addEventListener('pageshow',e=>{if(gone&&e.persisted)leave(gone)})// bfcache
const run=()=>{const s=D.querySelectorAll('[data-lantern]'),R='data-lantern-ready'
for(const el of s)el.hasAttribute(R)||(el.setAttribute(R,''),mount(el,f=>el.appendChild(f)))
if(!s.length)mount(me,f=>{const p=me.parentNode
p&&p!=D.head?p.insertBefore(f,me.nextSibling):D.body.appendChild(f)})}
D.readyState=='loading'?D.addEventListener('DOMContentLoaded',run):run()
})()
