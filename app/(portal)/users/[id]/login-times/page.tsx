import { UserPlaceholder } from '../../user-placeholder'

export default async function LoginTimesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <UserPlaceholder id={id} permission="users.read" title="Login times" what="The list of sign-ins and sign-outs is coming in the next release." />
}
